using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allnimall.Marketing.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Segmentation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_customer_id_placed_at",
                table: "orders");

            migrationBuilder.AlterColumn<string>(
                name: "region",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "country",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "city",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_refreshed_at",
                table: "customer_segments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "refresh_claimed_until",
                table: "customer_segments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_type",
                table: "customer_segments",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "version",
                table: "customer_segments",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "segment_refreshes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    segment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    refreshed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    customer_count = table.Column<int>(type: "INTEGER", nullable: false),
                    added = table.Column<int>(type: "INTEGER", nullable: false),
                    removed = table.Column<int>(type: "INTEGER", nullable: false),
                    duration_ms = table.Column<int>(type: "INTEGER", nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "region",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "NOCASE");

            migrationBuilder.AlterColumn<string>(
                name: "country",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "NOCASE");

            migrationBuilder.AlterColumn<string>(
                name: "city",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "NOCASE");

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_id_placed_at",
                table: "orders",
                columns: new[] { "customer_id", "placed_at" });
        }
    }
}
