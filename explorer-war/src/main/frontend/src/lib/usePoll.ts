import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, Unauthorized, Unreachable } from './api'
import { nodeReachable } from './store'

export interface Polled<T> {
  data: T | undefined
  /** The API's error for this resource (404, 503 with its message); not "unreachable". */
  error: string | null
  reload: () => void
}

/**
 * Loads `load()` now and every `intervalMs`, and whenever `reload()` is called (a feed event).
 * Keeps the last good data while the node is unreachable, so a restart does not blank the view.
 */
export function usePoll<T> (load: () => Promise<T>, intervalMs: number, deps: unknown[] = []): Polled<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const reload = useCallback(() => setTick((t) => t + 1), [])

  useEffect(() => {
    let cancelled = false
    loadRef.current().then((value) => {
      if (cancelled) return
      nodeReachable.set(true)
      setData(value)
      setError(null)
    }, (e: unknown) => {
      if (cancelled || e instanceof Unauthorized) return
      if (e instanceof Unreachable) {
        nodeReachable.set(false)
      } else {
        nodeReachable.set(true)
        setError(e instanceof ApiError ? e.message : String(e))
      }
    })
    return () => { cancelled = true }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, ...deps])

  useEffect(() => {
    if (intervalMs <= 0) return
    const timer = setInterval(reload, intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, reload])

  return { data, error, reload }
}
