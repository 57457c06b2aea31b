import * as React from 'react'
import { cn } from '../../lib/utils'

export const Input = React.forwardRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>(
  ({ className, type, ...props }, ref) => (
    <input
      type={type}
      className={cn(
        'flex h-9 w-full rounded-md border border-border bg-white px-3 py-1 text-sm shadow-sm ' +
          'placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 ' +
          'focus-visible:ring-slate-400 disabled:cursor-not-allowed disabled:opacity-50 ' +
          'aria-[invalid=true]:border-destructive',
        className
      )}
      ref={ref}
      {...props}
    />
  )
)
Input.displayName = 'Input'
