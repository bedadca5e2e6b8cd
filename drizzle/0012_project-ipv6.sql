ALTER TABLE "projects" ADD COLUMN "address6" text;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_address6_unique" UNIQUE("address6");