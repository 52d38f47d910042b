using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PromoCodePerRecipient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "promo_discount_id",
                table: "marketing_campaigns",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_promo_codes_campaign_delivery_id",
                table: "promo_codes",
                column: "campaign_delivery_id",
                unique: true,
                filter: "campaign_delivery_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_marketing_campaigns_promo_discount_id",
                table: "marketing_campaigns",
                column: "promo_discount_id");

            migrationBuilder.AddForeignKey(
                name: "fk_marketing_campaigns_discount_campaigns_promo_discount_id",
                table: "marketing_campaigns",
                column: "promo_discount_id",
                principalTable: "discount_campaigns",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_marketing_campaigns_discount_campaigns_promo_discount_id",
                table: "marketing_campaigns");

            migrationBuilder.DropIndex(
                name: "ix_promo_codes_campaign_delivery_id",
                table: "promo_codes");

            migrationBuilder.DropIndex(
                name: "ix_marketing_campaigns_promo_discount_id",
                table: "marketing_campaigns");

            migrationBuilder.DropColumn(
                name: "promo_discount_id",
                table: "marketing_campaigns");
        }
    }
}
