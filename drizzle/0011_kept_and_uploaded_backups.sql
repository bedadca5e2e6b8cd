ALTER TYPE "public"."backup_trigger" ADD VALUE 'UPLOAD';--> statement-breakpoint
ALTER TABLE "backups" DROP CONSTRAINT "backups_project_id_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "backups" ALTER COLUMN "project_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "kept_from_project" text;--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "wrapped_key" text;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backups_owner_idx" ON "backups" USING btree ("owner_id");