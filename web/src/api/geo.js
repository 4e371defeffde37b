// The phone's position (browser geolocation), for visits and "nearest first".
export function currentPosition(timeout = 10000) {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) { reject(new Error('此设备或浏览器不支持定位，请手动填写经纬度')); return }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lon: Number(p.coords.longitude.toFixed(6)), lat: Number(p.coords.latitude.toFixed(6)), accuracy: p.coords.accuracy }),
      (e) => reject(new Error(e.code === 1 ? '未允许定位：请在浏览器设置中允许，或手动填写经纬度' : '定位失败，请到开阔处重试或手动填写经纬度')),
      { enableHighAccuracy: true, timeout, maximumAge: 60000 },
    )
  })
}

// Metres between two lon/lat points (haversine): only to order a list.
export function metres(a, b) {
  const r = 6371000
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * r * Math.asin(Math.sqrt(h))
}
