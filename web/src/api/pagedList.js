// A paged list from the API as the list pages show it: the rows of the
// current page, the total, the page number and a loading flag. `query()`
// gives the page's filters; a failed load is reported and keeps the rows.
// `offline()`, when given, answers {items, total} from the device's own copy
// when the server cannot be reached (`fromCopy` is then true).
import { ref } from 'vue'
import { api } from './client.js'
import { showError } from './feedback.js'

export function usePagedList(path, query, pageSize = 50, offline = null) {
  const fromCopy = ref(false)
  const items = ref([])
  const total = ref(0)
  const page = ref(1)
  const loading = ref(false)
  async function load() {
    loading.value = true
    try {
      const answer = await api.get(path, { ...query(), page: page.value, page_size: pageSize })
      items.value = answer.items
      total.value = answer.total
      fromCopy.value = false
    } catch (e) {
      const copy = e.status === 0 && offline ? await offline() : null
      if (copy) {
        items.value = copy.items
        total.value = copy.total
        fromCopy.value = true
      } else {
        showError(e)
      }
    } finally {
      loading.value = false
    }
  }
  // Back to the first page, as after a change of filter.
  function reload() {
    page.value = 1
    return load()
  }
  return { items, total, page, loading, load, reload, fromCopy }
}
