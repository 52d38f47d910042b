using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddEmailBlockEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_blocks",
                table: "email_campaigns",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "editor_mode",
                table: "email_campaigns",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preheader",
                table: "email_campaigns",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_content_blocks",
                table: "campaign_templates",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_editor_mode",
                table: "campaign_templates",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "content_blocks",
                table: "email_campaigns");

            migrationBuilder.DropColumn(
                name: "editor_mode",
                table: "email_campaigns");

            migrationBuilder.DropColumn(
                name: "preheader",
                table: "email_campaigns");

            migrationBuilder.DropColumn(
                name: "email_content_blocks",
                table: "campaign_templates");

            migrationBuilder.DropColumn(
                name: "email_editor_mode",
                table: "campaign_templates");
        }
    }
}
