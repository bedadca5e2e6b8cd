ALTER TYPE "public"."backup_trigger" ADD VALUE 'UPLOAD';--> statement-breakpoint
CREATE TABLE "backup_targets" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"endpoint" text NOT NULL,
	"bucket" text NOT NULL,
	"region" text DEFAULT 'us-east-1' NOT NULL,
	"access_key_id" text NOT NULL,
	"wrapped_secret" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "backups" DROP CONSTRAINT "backups_project_id_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "backups" ALTER COLUMN "project_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "kept_from_project" text;--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "wrapped_key" text;--> statement-breakpoint
ALTER TABLE "backup_targets" ADD CONSTRAINT "backup_targets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backups_owner_idx" ON "backups" USING btree ("owner_id");