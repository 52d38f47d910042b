using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Discounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_discount_campaigns_campaign_id",
                table: "discount_campaigns");

            migrationBuilder.AddColumn<int>(
                name: "buy_quantity",
                table: "discount_campaigns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "combinable",
                table: "discount_campaigns",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "eligible_segment_ids",
                table: "discount_campaigns",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "excluded_category_ids",
                table: "discount_campaigns",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "excluded_product_ids",
                table: "discount_campaigns",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "first_order_only",
                table: "discount_campaigns",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "get_percent_off",
                table: "discount_campaigns",
                type: "decimal(5,2)",
                precision: 5,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "get_quantity",
                table: "discount_campaigns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "included_category_ids",
                table: "discount_campaigns",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "included_product_ids",
                table: "discount_campaigns",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "method",
                table: "discount_campaigns",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "code");

            migrationBuilder.AddColumn<int>(
                name: "minimum_quantity",
                table: "discount_campaigns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "per_customer_limit",
                table: "discount_campaigns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "discount_campaigns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "version",
                table: "discount_campaigns",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "discount_customer_usages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    discount_campaign_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    customer_key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    usage_count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discount_customer_usages", x => x.id);
                    table.ForeignKey(
                        name: "fk_discount_customer_usages_discount_campaigns_discount_campaign_id",
                        column: x => x.discount_campaign_id,
                        principalTable: "discount_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promo_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    discount_campaign_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    is_shared = table.Column<bool>(type: "bit", nullable: false),
                    assigned_customer_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    campaign_delivery_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    usage_count = table.Column<int>(type: "int", nullable: false),
                    disabled_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promo_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_promo_codes_customers_assigned_customer_id",
                        column: x => x.assigned_customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_promo_codes_discount_campaigns_discount_campaign_id",
                        column: x => x.discount_campaign_id,
                        principalTable: "discount_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "discount_redemptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    discount_campaign_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    order_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    promo_code_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    customer_key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    customer_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    amount = table.Column<decimal>(type: "decimal(15,2)", precision: 15, scale: 2, nullable: false),
                    order_revenue = table.Column<decimal>(type: "decimal(15,2)", precision: 15, scale: 2, nullable: false),
                    is_leak = table.Column<bool>(type: "bit", nullable: false),
                    redeemed_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    voided_at = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discount_redemptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_discount_redemptions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_discount_redemptions_discount_campaigns_discount_campaign_id",
                        column: x => x.discount_campaign_id,
                        principalTable: "discount_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_discount_redemptions_promo_codes_promo_code_id",
                        column: x => x.promo_code_id,
                        principalTable: "promo_codes",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_discount_campaigns_campaign_id",
                table: "discount_campaigns",
                column: "campaign_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_discount_customer_usages_discount_campaign_id_customer_key",
                table: "discount_customer_usages",
                columns: new[] { "discount_campaign_id", "customer_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_discount_redemptions_customer_id",
                table: "discount_redemptions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_discount_redemptions_discount_campaign_id_order_id",
                table: "discount_redemptions",
                columns: new[] { "discount_campaign_id", "order_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_discount_redemptions_order_id",
                table: "discount_redemptions",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_discount_redemptions_promo_code_id",
                table: "discount_redemptions",
                column: "promo_code_id");

            migrationBuilder.CreateIndex(
                name: "ix_promo_codes_assigned_customer_id",
                table: "promo_codes",
                column: "assigned_customer_id",
                filter: "assigned_customer_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_promo_codes_code",
                table: "promo_codes",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promo_codes_discount_campaign_id_id",
                table: "promo_codes",
                columns: new[] { "discount_campaign_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "discount_customer_usages");

            migrationBuilder.DropTable(
                name: "discount_redemptions");

            migrationBuilder.DropTable(
                name: "promo_codes");

            migrationBuilder.DropIndex(
                name: "ix_discount_campaigns_campaign_id",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "buy_quantity",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "combinable",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "eligible_segment_ids",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "excluded_category_ids",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "excluded_product_ids",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "first_order_only",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "get_percent_off",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "get_quantity",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "included_category_ids",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "included_product_ids",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "method",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "minimum_quantity",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "per_customer_limit",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "discount_campaigns");

            migrationBuilder.DropColumn(
                name: "version",
                table: "discount_campaigns");

            migrationBuilder.CreateIndex(
                name: "ix_discount_campaigns_campaign_id",
                table: "discount_campaigns",
                column: "campaign_id");
        }
    }
}
