// Photos are made smaller on the phone before they are kept or sent: the
// longer side at most 1600 px, JPEG — a few hundred KB that one retried
// request carries whole, instead of a camera's 5–10 MB.
const LONGEST = 1600

export async function resizePhoto(file) {
  if (!file.type.startsWith('image/')) return file  // a PDF report goes as it is
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return new Promise((resolve, reject) => canvas.toBlob(
    (blob) => (blob ? resolve(blob) : reject(new Error('照片无法处理'))), 'image/jpeg', 0.85))
}
