// Photos are made smaller on the phone before they are kept or sent: the
// longer side at most 1600 px, JPEG — a few hundred KB instead of a
// camera's 5–10 MB. Drawing on a canvas drops the EXIF, so when and where
// the photo was taken are read first (exifr) and sent beside it; the server
// keeps them where the file has none (docs/api.md).
import exifr from 'exifr'
import { localDateTime } from '../api/time.js'

const LONGEST = 1600

// {taken_at, lon, lat} of the camera's file, each '' when it has none.
async function cameraFacts(file) {
  const facts = { taken_at: '', lon: '', lat: '' }
  try {
    const e = await exifr.parse(file, { pick: ['DateTimeOriginal', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'], gps: true })
    if (e && e.DateTimeOriginal instanceof Date && !Number.isNaN(e.DateTimeOriginal.getTime()))
      facts.taken_at = localDateTime(e.DateTimeOriginal)
    if (e && Number.isFinite(e.latitude) && Number.isFinite(e.longitude)) {
      facts.lat = String(e.latitude)
      facts.lon = String(e.longitude)
    }
  } catch { /* a file without EXIF, or one exifr cannot read: nothing to carry */ }
  return facts
}

// The photo to send and what the camera said of it.
export async function resizePhoto(file) {
  const facts = await cameraFacts(file)
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  const scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise((resolve, reject) => canvas.toBlob(
    (b) => (b ? resolve(b) : reject(new Error('照片无法处理'))), 'image/jpeg', 0.85))
  return { blob, facts }
}
