using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "delivery_id",
                table: "customer_engagement",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_automated",
                table: "customer_engagement",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "link_index",
                table: "customer_engagement",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "email_links",
                columns: table => new
                {
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    link_index = table.Column<int>(type: "INTEGER", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_links", x => new { x.delivery_id, x.link_index });
                    table.ForeignKey(
                        name: "fk_email_links_campaign_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "campaign_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_engagement_delivery_id_engagement_type",
                table: "customer_engagement",
                columns: new[] { "delivery_id", "engagement_type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "email_links");

            migrationBuilder.DropIndex(
                name: "ix_customer_engagement_delivery_id_engagement_type",
                table: "customer_engagement");

            migrationBuilder.DropColumn(
                name: "delivery_id",
                table: "customer_engagement");

            migrationBuilder.DropColumn(
                name: "is_automated",
                table: "customer_engagement");

            migrationBuilder.DropColumn(
                name: "link_index",
                table: "customer_engagement");
        }
    }
}
