// Every job the worker runs. Add a job: define it in jobs/<name>.job.ts with defineJob, list it here.
import type { AnyJobDefinition } from "../lib/jobs/define-job.ts";

export const JOBS: AnyJobDefinition[] = [];
