using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EmailSuppressions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "email_suppressions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    reason = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_suppressions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_email_suppressions_created_at",
                table: "email_suppressions",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_email_suppressions_email",
                table: "email_suppressions",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "email_suppressions");
        }
    }
}
