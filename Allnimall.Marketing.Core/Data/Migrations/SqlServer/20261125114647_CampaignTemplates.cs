using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CampaignTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_delivery_id",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<Guid>(
                name: "delivery_id",
                table: "outbox_messages",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "outbox_messages",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "campaign_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    key = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    campaign_type = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    subject = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    email_content = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    sms_message = table.Column<string>(type: "nvarchar(1600)", maxLength: 1600, nullable: true),
                    social_content = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: true),
                    social_platforms = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    include_segment_names = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    exclude_segment_names = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    is_builtin = table.Column<bool>(type: "bit", nullable: false),
                    created_by = table.Column<string>(type: "nvarchar(36)", nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_templates", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_templates_asp_net_users_created_by",
                        column: x => x.created_by,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_delivery_id",
                table: "outbox_messages",
                column: "delivery_id",
                unique: true,
                filter: "[delivery_id] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_templates_created_by",
                table: "campaign_templates",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_templates_key",
                table: "campaign_templates",
                column: "key",
                unique: true,
                filter: "[key] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_templates_name",
                table: "campaign_templates",
                column: "name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_templates");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_delivery_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<Guid>(
                name: "delivery_id",
                table: "outbox_messages",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_delivery_id",
                table: "outbox_messages",
                column: "delivery_id",
                unique: true);
        }
    }
}
