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
ALTER TABLE "services" ADD COLUMN "autoscaling" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "scaling_events" ADD CONSTRAINT "scaling_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scaling_events" ADD CONSTRAINT "scaling_events_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scaling_events_service_at_idx" ON "scaling_events" USING btree ("service_id","at");