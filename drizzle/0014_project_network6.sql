ALTER TABLE "projects" ADD COLUMN "network6" text;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_network6_unique" UNIQUE("network6");