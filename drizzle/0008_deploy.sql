CREATE TYPE "public"."app_version_status" AS ENUM('PENDING', 'BUILDING', 'BUILD_FAILED', 'DEPLOYING', 'DEPLOY_FAILED', 'ACTIVE', 'BACKUP', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "app_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"status" "app_version_status" DEFAULT 'PENDING' NOT NULL,
	"source" jsonb NOT NULL,
	"setup_name" text,
	"zerops_yml" text,
	"setup" jsonb,
	"artifact_digest" text,
	"image" text,
	"process_id" uuid,
	"created_by" uuid,
	"error" text,
	"build_ms" integer,
	"deploy_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deploy_sources" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"git_url" text,
	"git_branch" text,
	"setup_name" text,
	"token_encrypted" text,
	"ssh_key_encrypted" text,
	"webhook_secret_encrypted" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_versions" ADD CONSTRAINT "app_versions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_versions" ADD CONSTRAINT "app_versions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_versions" ADD CONSTRAINT "app_versions_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_versions" ADD CONSTRAINT "app_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_sources" ADD CONSTRAINT "deploy_sources_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_sources" ADD CONSTRAINT "deploy_sources_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "app_versions_service_seq_uq" ON "app_versions" USING btree ("service_id","sequence");--> statement-breakpoint
CREATE INDEX "app_versions_service_status_idx" ON "app_versions" USING btree ("service_id","status");