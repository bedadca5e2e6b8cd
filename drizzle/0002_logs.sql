CREATE TABLE "log_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"service_id" uuid,
	"container_name" text NOT NULL,
	"at" timestamp (6) with time zone NOT NULL,
	"stream" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "log_lines" ADD CONSTRAINT "log_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_lines_project_at_idx" ON "log_lines" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "log_lines_container_at_idx" ON "log_lines" USING btree ("container_name","at");