import { ChatController } from './chat-controller';
import { ChatStorage } from './chat-storage';
import { readConfig } from './config';

// The ChatOnce visitor widget. Embedded with one tag:
//   <script src="https://HOST/widget.js" data-flow-id="<flow id>" defer></script>
// Optional: data-color="#1f6feb" (brand colour).

const HOST_TAG = 'chatonce-widget';

// currentScript is only set while this file first runs, so it is read right away.
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-flow-id][src*="widget"]');

function mount(): void {
  if (!script) return;
  const config = readConfig(script);
  if (!config) return;
  // A page that includes the tag twice gets one widget per flow.
  const existing = [...document.querySelectorAll(HOST_TAG)].some((element) => element.getAttribute('data-flow-id') === config.flowId);
  if (existing) return;
  const host = document.createElement(HOST_TAG);
  host.setAttribute('data-flow-id', config.flowId);
  document.body.append(host);
  new ChatController(host, config, new ChatStorage(config.flowId)).mount();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
