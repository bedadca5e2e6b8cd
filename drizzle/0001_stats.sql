CREATE TABLE "stats_samples" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid,
	"container_name" text NOT NULL,
	"resolution" text DEFAULT 'raw' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"cpu_percent" real NOT NULL,
	"memory_bytes" bigint NOT NULL,
	"memory_limit_bytes" bigint NOT NULL,
	"net_rx_bytes" bigint NOT NULL,
	"net_tx_bytes" bigint NOT NULL,
	"block_read_bytes" bigint NOT NULL,
	"block_write_bytes" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stats_samples" ADD CONSTRAINT "stats_samples_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_samples" ADD CONSTRAINT "stats_samples_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_service_at_idx" ON "stats_samples" USING btree ("service_id","at");--> statement-breakpoint
CREATE INDEX "stats_project_at_idx" ON "stats_samples" USING btree ("project_id","at");