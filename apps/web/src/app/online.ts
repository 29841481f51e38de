import { onScopeDispose, readonly, ref, type Ref } from 'vue';

/**
 * Whether the browser has a network connection now (`navigator.onLine`, kept current by its `online`
 * and `offline` events): for the few steps that need the server, to say so before they are tried.
 */
export function useOnline(): Readonly<Ref<boolean>> {
  const online = ref(navigator.onLine);
  const update = () => (online.value = navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onScopeDispose(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return readonly(online);
}
