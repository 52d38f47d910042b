using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Segmentation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_segment_customers",
                table: "segment_customers");

            migrationBuilder.DropIndex(
                name: "ix_segment_customers_segment_id_customer_id",
                table: "segment_customers");

            migrationBuilder.DropIndex(
                name: "ix_orders_customer_id_placed_at",
                table: "orders");

            migrationBuilder.AddColumn<DateTime>(
                name: "last_refreshed_at",
                table: "customer_segments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "refresh_claimed_until",
                table: "customer_segments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_type",
                table: "customer_segments",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "version",
                table: "customer_segments",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "pk_segment_customers",
                table: "segment_customers",
                column: "id")
                .Annotation("SqlServer:Clustered", false);

            migrationBuilder.CreateTable(
                name: "segment_refreshes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    segment_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    refreshed_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    customer_count = table.Column<int>(type: "int", nullable: false),
                    added = table.Column<int>(type: "int", nullable: false),
                    removed = table.Column<int>(type: "int", nullable: false),
                    duration_ms = table.Column<int>(type: "int", nullable: false),
                    trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_refreshes", x => x.id);
                    table.ForeignKey(
                        name: "fk_segment_refreshes_customer_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "customer_segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_segment_customers_segment_id_customer_id",
                table: "segment_customers",
                columns: new[] { "segment_id", "customer_id" },
                unique: true)
                .Annotation("SqlServer:Clustered", true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_id_placed_at_status_total",
                table: "orders",
                columns: new[] { "customer_id", "placed_at", "status", "total" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_segments_is_active_last_refreshed_at",
                table: "customer_segments",
                columns: new[] { "is_active", "last_refreshed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_segment_refreshes_segment_id_refreshed_at",
                table: "segment_refreshes",
                columns: new[] { "segment_id", "refreshed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "segment_refreshes");

            migrationBuilder.DropPrimaryKey(
                name: "pk_segment_customers",
                table: "segment_customers");

            migrationBuilder.DropIndex(
                name: "ix_segment_customers_segment_id_customer_id",
                table: "segment_customers");

            migrationBuilder.DropIndex(
                name: "ix_orders_customer_id_placed_at_status_total",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_customer_segments_is_active_last_refreshed_at",
                table: "customer_segments");

            migrationBuilder.DropColumn(
                name: "last_refreshed_at",
                table: "customer_segments");

            migrationBuilder.DropColumn(
                name: "refresh_claimed_until",
                table: "customer_segments");

            migrationBuilder.DropColumn(
                name: "segment_type",
                table: "customer_segments");

            migrationBuilder.DropColumn(
                name: "version",
                table: "customer_segments");

            migrationBuilder.AddPrimaryKey(
                name: "pk_segment_customers",
                table: "segment_customers",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_segment_customers_segment_id_customer_id",
                table: "segment_customers",
                columns: new[] { "segment_id", "customer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_id_placed_at",
                table: "orders",
                columns: new[] { "customer_id", "placed_at" });
        }
    }
}
