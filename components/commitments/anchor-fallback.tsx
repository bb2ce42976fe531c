'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** The anchors the page's lists carry, and the query parameter that opens the page of a list showing the row. */
const ANCHORS = [
  { pattern: /^#update-(\d+)$/, param: 'update', page: 'page' },
  { pattern: /^#evidence-(\d+)$/, param: 'evidence', page: 'evidencePage' },
];

/**
 * The status history and the evidence list show a page at a time, but links from elsewhere (a notification, a
 * search hit, a correction, the occurrences table) name a row by its anchor alone, and a fragment never reaches the
 * server. When the anchor's row is not on the page, this asks for the page that lists it (`?update=` or
 * `?evidence=`), once: a row that page cannot show either (later than the as-of day) is left alone.
 */
export function AnchorFallback() {
  const router = useRouter();
  useEffect(() => {
    const follow = () => {
      const { hash } = window.location;
      for (const anchor of ANCHORS) {
        const id = anchor.pattern.exec(hash)?.[1];
        if (!id || document.getElementById(hash.slice(1))) continue;
        const url = new URL(window.location.href);
        if (url.searchParams.get(anchor.param) === id) return;
        url.searchParams.delete(anchor.page);
        url.searchParams.set(anchor.param, id);
        router.replace(`${url.pathname}${url.search}${hash}`);
        return;
      }
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [router]);
  return null;
}
