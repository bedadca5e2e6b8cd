CREATE TYPE "public"."firewall_policy" AS ENUM('none', 'allow', 'deny');--> statement-breakpoint
CREATE TABLE "public_ports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"public_port" integer NOT NULL,
	"internal_port" integer NOT NULL,
	"protocol" text NOT NULL,
	"firewall_policy" "firewall_policy" DEFAULT 'none' NOT NULL,
	"firewall_ranges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_ports" ADD CONSTRAINT "public_ports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_ports" ADD CONSTRAINT "public_ports_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "public_ports_project_port_uq" ON "public_ports" USING btree ("project_id","public_port","protocol");--> statement-breakpoint
CREATE INDEX "public_ports_service_idx" ON "public_ports" USING btree ("service_id");