// The client's API layer in one import for pages and components: the
// calls (client.js), how a failure is shown (feedback.js), the session and
// its regions and codes (session.js), dates and times (time.js), escaping
// for chart tooltips (escape.js), exports and prints (exports.js), jobs,
// paged lists and the phone's position.
export * from './client.js'
export * from './escape.js'
export * from './exports.js'
export * from './feedback.js'
export * from './geo.js'
export * from './jobs.js'
export * from './pagedList.js'
export * from './session.js'
export * from './time.js'
