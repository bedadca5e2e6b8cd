CREATE TABLE "http_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"path" text DEFAULT '/' NOT NULL,
	"port" integer NOT NULL,
	"is_synced" boolean DEFAULT false NOT NULL,
	"delete_on_sync" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "http_domains" ADD CONSTRAINT "http_domains_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "http_domains" ADD CONSTRAINT "http_domains_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "http_domains_domain_path_uq" ON "http_domains" USING btree ("domain","path");--> statement-breakpoint
CREATE INDEX "http_domains_project_idx" ON "http_domains" USING btree ("project_id");