import { clsx, type ClassValue } from 'clsx'
import { twMerge } from 'tailwind-merge'

/** Tailwind classes joined, later ones winning (shadcn/ui's helper). */
export function cn (...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs))
}
