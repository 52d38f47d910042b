using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddNewsletters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "newsletter_subscription_id",
                table: "campaign_deliveries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "newsletter_lists",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    slug = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    double_opt_in = table.Column<bool>(type: "bit", nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_newsletter_lists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "newsletter_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    list_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    customer_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    confirmed_ip = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true),
                    confirmed_user_agent = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    unsubscribed_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    unsubscribe_source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_newsletter_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_newsletter_subscriptions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_newsletter_subscriptions_newsletter_lists_list_id",
                        column: x => x.list_id,
                        principalTable: "newsletter_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_campaign_id_newsletter_subscription_id",
                table: "campaign_deliveries",
                columns: new[] { "campaign_id", "newsletter_subscription_id" },
                unique: true,
                filter: "newsletter_subscription_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_newsletter_subscription_id",
                table: "campaign_deliveries",
                column: "newsletter_subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_lists_slug",
                table: "newsletter_lists",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_subscriptions_customer_id",
                table: "newsletter_subscriptions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_subscriptions_email",
                table: "newsletter_subscriptions",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_subscriptions_list_id_email",
                table: "newsletter_subscriptions",
                columns: new[] { "list_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_subscriptions_list_id_status",
                table: "newsletter_subscriptions",
                columns: new[] { "list_id", "status" });

            migrationBuilder.AddForeignKey(
                name: "fk_campaign_deliveries_newsletter_subscriptions_newsletter_subscription_id",
                table: "campaign_deliveries",
                column: "newsletter_subscription_id",
                principalTable: "newsletter_subscriptions",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_campaign_deliveries_newsletter_subscriptions_newsletter_subscription_id",
                table: "campaign_deliveries");

            migrationBuilder.DropTable(
                name: "newsletter_subscriptions");

            migrationBuilder.DropTable(
                name: "newsletter_lists");

            migrationBuilder.DropIndex(
                name: "ix_campaign_deliveries_campaign_id_newsletter_subscription_id",
                table: "campaign_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_campaign_deliveries_newsletter_subscription_id",
                table: "campaign_deliveries");

            migrationBuilder.DropColumn(
                name: "newsletter_subscription_id",
                table: "campaign_deliveries");
        }
    }
}
