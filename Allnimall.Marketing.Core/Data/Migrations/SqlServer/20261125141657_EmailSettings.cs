using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EmailSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "email_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false),
                    transport = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    from_address = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    from_name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    sender_identities = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    smtp_host = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: true),
                    smtp_port = table.Column<int>(type: "int", nullable: false),
                    smtp_tls = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    smtp_user = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    smtp_messages_per_second = table.Column<double>(type: "float", nullable: false),
                    store_name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    store_address = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    dkim_domain = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: true),
                    dkim_selector = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: true),
                    bounce_protocol = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    bounce_host = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: true),
                    bounce_port = table.Column<int>(type: "int", nullable: false),
                    bounce_tls = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    bounce_user = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_by = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_settings", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "email_settings");
        }
    }
}
