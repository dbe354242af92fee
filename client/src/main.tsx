import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { boardIdInPath } from '../../shared/protocol'
import { App } from './App'
import { registerOfflineSupport } from './common/registerOfflineSupport'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
// A board's page registers it once the board has arrived (collab/BoardSession.ts).
if (boardIdInPath(window.location.pathname) === undefined) registerOfflineSupport()
