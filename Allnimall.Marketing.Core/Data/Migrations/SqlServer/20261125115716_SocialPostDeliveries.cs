using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SocialPostDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_campaign_deliveries_campaign_id_customer_id_channel",
                table: "campaign_deliveries");

            migrationBuilder.AlterColumn<Guid>(
                name: "customer_id",
                table: "campaign_deliveries",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<Guid>(
                name: "social_campaign_id",
                table: "campaign_deliveries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_campaign_id_customer_id_channel",
                table: "campaign_deliveries",
                columns: new[] { "campaign_id", "customer_id", "channel" },
                unique: true,
                filter: "[customer_id] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_social_campaign_id",
                table: "campaign_deliveries",
                column: "social_campaign_id",
                unique: true,
                filter: "social_campaign_id IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_campaign_deliveries_social_campaigns_social_campaign_id",
                table: "campaign_deliveries",
                column: "social_campaign_id",
                principalTable: "social_campaigns",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_campaign_deliveries_social_campaigns_social_campaign_id",
                table: "campaign_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_campaign_deliveries_campaign_id_customer_id_channel",
                table: "campaign_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_campaign_deliveries_social_campaign_id",
                table: "campaign_deliveries");

            migrationBuilder.DropColumn(
                name: "social_campaign_id",
                table: "campaign_deliveries");

            migrationBuilder.AlterColumn<Guid>(
                name: "customer_id",
                table: "campaign_deliveries",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaign_deliveries_campaign_id_customer_id_channel",
                table: "campaign_deliveries",
                columns: new[] { "campaign_id", "customer_id", "channel" },
                unique: true);
        }
    }
}
