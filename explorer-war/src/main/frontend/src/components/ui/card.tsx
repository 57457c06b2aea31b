import * as React from 'react'
import { cn } from '../../lib/utils'

export const Card = React.forwardRef<HTMLDivElement, React.HTMLAttributes<HTMLDivElement>>(
  ({ className, ...props }, ref) => (
    <div ref={ref} className={cn('rounded-lg border border-border bg-white p-4 shadow-sm', className)} {...props} />
  )
)
Card.displayName = 'Card'

export const CardTitle = React.forwardRef<HTMLHeadingElement, React.HTMLAttributes<HTMLHeadingElement>>(
  ({ className, ...props }, ref) => (
    <h3 ref={ref} className={cn('mb-3 text-base font-semibold leading-none', className)} {...props} />
  )
)
CardTitle.displayName = 'CardTitle'
