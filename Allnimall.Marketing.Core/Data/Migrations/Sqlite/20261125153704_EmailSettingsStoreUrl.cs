using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailSettingsStoreUrl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "store_url",
                table: "email_settings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "store_url",
                table: "email_settings");
        }
    }
}
