// Background jobs (imports, matching, judgment): poll one until it ends.
import { api } from './client.js'

export const FINISHED = ['succeeded', 'failed']

export async function waitForJob(id, onUpdate, { interval = 700, signal } = {}) {
  for (;;) {
    const { job } = await api.get(`/jobs/${id}`)
    onUpdate(job)
    if (FINISHED.includes(job.status)) return job
    if (signal && signal.aborted) return job
    await new Promise((r) => setTimeout(r, interval))
  }
}
