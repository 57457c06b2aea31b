import { useCallback, useEffect, useState } from 'react'
import { Badge } from './components/ui/badge'
import { Button } from './components/ui/button'
import { Tabs, TabsContent, TabsList, TabsTrigger } from './components/ui/tabs'
import { onUnauthorized, setToken, token } from './lib/api'
import { feed } from './lib/feed'
import { nodeReachable, useStore } from './lib/store'
import { Login } from './views/Login'
import { Node } from './views/Node'
import { Packets } from './views/Packets'
import { Peers } from './views/Peers'
import { Routes } from './views/Routes'
import { Settlements } from './views/Settlements'

/** The console: a login page until the node accepts the token, then the five views. */
export function App () {
  const [signedIn, setSignedIn] = useState(() => token() !== null)
  useEffect(() => onUnauthorized(() => setSignedIn(false)), [])
  useEffect(() => {
    if (!signedIn) return
    feed.start()
    return () => feed.stop()
  }, [signedIn])

  if (!signedIn) return <Login onLogin={() => setSignedIn(true)} />
  return <Console onSignOut={() => { setToken(null); setSignedIn(false) }} />
}

function Console ({ onSignOut }: { onSignOut: () => void }) {
  const reachable = useStore(nodeReachable)
  const feedState = useStore(feed.state)
  const [dropped, setDropped] = useState(0)
  const onTotals = useCallback((t: { dropped: number }) => setDropped(t.dropped), [])
  const reconnecting = !reachable || feedState === 'reconnecting'

  return (
    <div className="mx-auto max-w-[1400px] p-4">
      <header className="mb-3 flex items-center gap-3">
        <h1 className="text-lg font-semibold">ILP connector explorer</h1>
        {reconnecting
          ? <Badge variant="warn" role="status" data-field="connection">reconnecting…</Badge>
          : <Badge variant="good" data-field="connection">{feedState === 'live' ? 'live' : 'connected'}</Badge>}
        <div className="flex-1" />
        <Button variant="ghost" size="sm" onClick={onSignOut}>Sign out</Button>
      </header>
      <Tabs defaultValue="packets">
        <TabsList>
          <TabsTrigger value="packets">Packets</TabsTrigger>
          <TabsTrigger value="peers">Peers</TabsTrigger>
          <TabsTrigger value="routes">Routes</TabsTrigger>
          <TabsTrigger value="settlements">Settlements</TabsTrigger>
          <TabsTrigger value="node">Node</TabsTrigger>
        </TabsList>
        {/* Kept mounted: the live table keeps collecting while another view is open. */}
        <TabsContent value="packets" forceMount className="data-[state=inactive]:hidden">
          <Packets onTotals={onTotals} />
        </TabsContent>
        <TabsContent value="peers"><Peers /></TabsContent>
        <TabsContent value="routes"><Routes /></TabsContent>
        <TabsContent value="settlements"><Settlements /></TabsContent>
        <TabsContent value="node"><Node dropped={dropped} /></TabsContent>
      </Tabs>
    </div>
  )
}
