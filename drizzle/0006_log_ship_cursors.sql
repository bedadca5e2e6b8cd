CREATE TABLE "log_ship_cursors" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"shipped_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "log_ship_cursors" ADD CONSTRAINT "log_ship_cursors_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;