CREATE TYPE "public"."backup_status" AS ENUM('RUNNING', 'COMPLETE', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."backup_trigger" AS ENUM('MANUAL', 'SCHEDULE');--> statement-breakpoint
CREATE TABLE "scaling_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"direction" text NOT NULL,
	"from_value" real NOT NULL,
	"to_value" real NOT NULL,
	"container_name" text,
	"reason" text NOT NULL,
	"container_count" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backup_schedules" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"cron" text DEFAULT '0 3 * * *' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"keep_last" integer,
	"keep_days" integer,
	"last_fired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid,
	"service_hostname" text NOT NULL,
	"service_type" text NOT NULL,
	"service_version" text NOT NULL,
	"status" "backup_status" DEFAULT 'RUNNING' NOT NULL,
	"trigger" "backup_trigger" DEFAULT 'MANUAL' NOT NULL,
	"process_id" uuid,
	"size_bytes" bigint DEFAULT 0 NOT NULL,
	"dump_bytes" bigint DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"sha256" text,
	"tool" text NOT NULL,
	"tool_version" text,
	"location" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_backup_keys" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "autoscaling" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "scaling_events" ADD CONSTRAINT "scaling_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scaling_events" ADD CONSTRAINT "scaling_events_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_schedules" ADD CONSTRAINT "backup_schedules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_schedules" ADD CONSTRAINT "backup_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_backup_keys" ADD CONSTRAINT "project_backup_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scaling_events_service_at_idx" ON "scaling_events" USING btree ("service_id","at");--> statement-breakpoint
CREATE INDEX "backups_service_idx" ON "backups" USING btree ("service_id","created_at");--> statement-breakpoint
CREATE INDEX "backups_project_idx" ON "backups" USING btree ("project_id");