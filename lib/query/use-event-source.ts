'use client';

import { useEffect, useRef } from 'react';

/**
 * Subscribes to a Server-Sent Events URL while mounted (and while `url` is not null). Each named
 * event's JSON data goes to its handler; `end` (access lost, project gone) closes the stream,
 * anything else is left to EventSource's own reconnect.
 */
export function useEventSource(url: string | null, handlers: Record<string, (data: unknown) => void>) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    const names = Object.keys(ref.current);
    const listeners = names.map((name) => {
      const listener = (e: MessageEvent<string>) => ref.current[name]?.(JSON.parse(e.data));
      source.addEventListener(name, listener);
      return [name, listener] as const;
    });
    const end = () => source.close();
    source.addEventListener('end', end);
    return () => {
      for (const [name, listener] of listeners) source.removeEventListener(name, listener);
      source.removeEventListener('end', end);
      source.close();
    };
    // The set of event names is fixed per call site; handlers are read through the ref.
  }, [url]);
}
