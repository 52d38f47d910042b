using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CampaignDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    claim_token = table.Column<Guid>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    provider_message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    skip_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_deliveries_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaign_deliveries_marketing_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "marketing_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_messages_campaign_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "campaign_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_campaign_id_customer_id_channel",
                table: "campaign_deliveries",
                columns: new[] { "campaign_id", "customer_id", "channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_claim_token",
                table: "campaign_deliveries",
                column: "claim_token");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_customer_id",
                table: "campaign_deliveries",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_status_next_attempt_at",
                table: "campaign_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_created_at",
                table: "outbox_messages",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_delivery_id",
                table: "outbox_messages",
                column: "delivery_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "campaign_deliveries");
        }
    }
}
