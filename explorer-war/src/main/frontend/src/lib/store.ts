import { useSyncExternalStore } from 'react'

/** A value many components read and a few write, without a context provider. */
export class Store<T> {
  private listeners = new Set<() => void>()
  constructor (private value: T) {}

  get = (): T => this.value

  set (value: T): void {
    if (Object.is(value, this.value)) return
    this.value = value
    this.listeners.forEach((l) => l())
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }
}

export function useStore<T> (store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}

/** False while the node does not answer (restart, network): the header says "reconnecting". */
export const nodeReachable = new Store<boolean>(true)
