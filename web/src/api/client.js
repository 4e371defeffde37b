// The one module that talks to the server (/api/v1, docs/api.md). Every
// failure becomes an ApiError carrying the server's Chinese message; pages
// show that message where the action happened, never raw JSON.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
  get conflict() { return this.status === 409 }
}

let csrfToken = ''
let onUnauthorized = () => {}

export function setCsrfToken(token) { csrfToken = token || '' }
// Called when the server says the session is gone (401), e.g. after the idle time-out.
export function setUnauthorizedHandler(fn) { onUnauthorized = fn }

export function queryString(query) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function errorFrom(res) {
  let body = null
  try { body = await res.json() } catch { /* not JSON: a proxy's page, say */ }
  const e = body && body.error
  if (e && e.message) return new ApiError(res.status, e.code, e.message, e.details)
  const fallback = {
    401: '登录已失效，请重新登录', 403: '您无权进行此操作', 404: '没有找到，或不在您的管辖范围内',
    409: '该记录已被他人修改', 413: '文件过大', 429: '操作过于频繁，请稍后再试',
    502: '服务器暂时无法访问，请稍后再试', 503: '数据库暂时不可用，请稍后再试',
  }
  return new ApiError(res.status, 'http', fallback[res.status] || `服务器错误（HTTP ${res.status}）`)
}

// `timeout` (ms): a request with no answer by then fails as the network
// does (a weak signal can hold a request open for minutes). `quiet`: a 401
// is only reported, not acted on (the outbox asks the worker itself).
async function request(method, path, { query, body, headers = {}, raw = false, timeout = 0, quiet = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' }
  if (timeout) init.signal = AbortSignal.timeout(timeout)
  if (body !== undefined) {
    if (body instanceof Blob) {
      init.body = body
      init.headers['Content-Type'] = 'application/octet-stream'
    } else {
      init.body = JSON.stringify(body)
      init.headers['Content-Type'] = 'application/json'
    }
  }
  if (method !== 'GET' && csrfToken) init.headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(`/api/v1${path}${queryString(query)}`, init)
  } catch (e) {
    if (e && e.name === 'TimeoutError') throw new ApiError(0, 'network', '服务器长时间没有回应，请稍后重试')
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
  }
  if (!res.ok) {
    const err = await errorFrom(res)
    if (res.status === 401 && path !== '/session' && !quiet) onUnauthorized(err)
    throw err
  }
  if (raw) return res
  if (res.status === 204) return null
  return res.json()
}

function fileName(res, fallback) {
  const cd = res.headers.get('Content-Disposition') || ''
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  return m ? decodeURIComponent(m[1]) : fallback
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body, query) => request('POST', path, { body, query }),
  put: (path, body, query) => request('PUT', path, { body, query }),
  del: (path, query) => request('DELETE', path, { query }),
  // A POST with headers of its own (the field outbox's Idempotency-Key);
  // `body` may be a Blob (sent as the file itself).
  // The field outbox's calls: with their own headers (Idempotency-Key), a
  // time-out, and a 401 left to the outbox. `body` may be a Blob.
  outbox: (method, path, { body, query, headers, timeout = 60000 } = {}) =>
    request(method, path, { body, query, headers, timeout, quiet: true }),

  // Saves a file the server makes (a workbook) under the name it gives.
  async download(path, query, fallbackName = 'download.xlsx') {
    const res = await request('GET', path, { query, raw: true })
    const blob = await res.blob()
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = fileName(res, fallbackName)
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10000)
    return a.download
  },

  // Sends a file as the request body, reporting upload progress (0–100).
  upload(path, file, query, onProgress = () => {}) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `/api/v1${path}${queryString(query)}`)
      xhr.setRequestHeader('Content-Type', 'application/octet-stream')
      xhr.setRequestHeader('Accept', 'application/json')
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)) }
      xhr.onerror = () => reject(new ApiError(0, 'network', '上传失败：无法连接服务器'))
      xhr.onload = async () => {
        const res = new Response(xhr.responseText, { status: xhr.status })
        if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText || 'null'))
        else {
          const err = await errorFrom(res)
          if (xhr.status === 401) onUnauthorized(err)
          reject(err)
        }
      }
      xhr.send(file)
    })
  },
}
