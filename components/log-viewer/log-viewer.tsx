"use client";
// Virtualized log viewer: stream tabs, follow mode, search with next/previous, timestamps, ANSI colours, wrap,
// jump to the first error and download. Smooth with 200,000 lines: only the visible rows are rendered.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { parseAnsi, stripAnsi } from "./ansi";
import { logsUrl, useLogStreams, useLogTail } from "./use-log-tail";

const ROW_HEIGHT = 18;
const ERROR_PATTERN = /\b(error|exception|traceback|fatal|failed)\b/i;

export type LogViewerProps = { jobId: number | string; running: boolean; height?: number };

export function LogViewer({ jobId, running, height = 420 }: LogViewerProps) {
  const streams = useLogStreams(jobId, running);
  const available = streams.data?.streams ?? [];
  const [stream, setStream] = useState<string | undefined>(undefined);
  const current = stream ?? available.find((s) => s.available)?.id ?? available[0]?.id;
  const info = available.find((s) => s.id === current);

  const [follow, setFollow] = useState(true);
  const [wrap, setWrap] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState("");
  const [hitIndex, setHitIndex] = useState(0);

  const tail = useLogTail(jobId, info?.available ? current : undefined, follow && running);
  const lines = tail.lines;

  const hits = useMemo(() => {
    if (!search) return [] as number[];
    const needle = search.toLowerCase();
    const found: number[] = [];
    for (let i = 0; i < lines.length; i++) if (lines[i].text.toLowerCase().includes(needle)) found.push(i);
    return found;
    // tail.version changes whenever lines grow
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, tail.version, lines]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
    measureElement: wrap ? (el) => el.getBoundingClientRect().height : undefined,
  });

  useEffect(() => {
    if (follow && lines.length > 0 && !search) virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [tail.version, follow, lines.length, search, virtualizer]);

  function goToHit(next: number) {
    if (hits.length === 0) return;
    const index = ((next % hits.length) + hits.length) % hits.length;
    setHitIndex(index);
    setFollow(false);
    virtualizer.scrollToIndex(hits[index], { align: "center" });
  }

  function jumpToFirstError() {
    const index = lines.findIndex((l) => ERROR_PATTERN.test(stripAnsi(l.text)));
    if (index >= 0) {
      setFollow(false);
      virtualizer.scrollToIndex(index, { align: "center" });
    }
  }

  const activeHit = hits.length ? hits[Math.min(hitIndex, hits.length - 1)] : -1;

  return (
    <section className="log-viewer" aria-label="Job logs">
      <div className="toolbar" role="tablist" aria-label="Log streams">
        {available.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.id === current}
            className={`btn btn-small${s.id === current ? " btn-primary" : ""}`}
            onClick={() => setStream(s.id)}
            title={s.available ? s.label : s.reason}
          >
            {s.label}
            {!s.available && <span className="muted"> (none)</span>}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search…"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setHitIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") goToHit(e.shiftKey ? hitIndex - 1 : hitIndex + 1);
          }}
        />
        <span className="muted small" aria-live="polite">
          {search ? (hits.length ? `${Math.min(hitIndex, hits.length - 1) + 1} of ${hits.length} matches` : "no matches") : `${lines.length.toLocaleString("en-US")} lines`}
        </span>
        <button className="btn btn-small" onClick={() => goToHit(hitIndex - 1)} disabled={!hits.length}>
          Previous
        </button>
        <button className="btn btn-small" onClick={() => goToHit(hitIndex + 1)} disabled={!hits.length}>
          Next
        </button>
        <label className="row small">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label className="row small">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} /> Timestamps
        </label>
        <label className="row small">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> Wrap
        </label>
        <button className="btn btn-small" onClick={jumpToFirstError}>
          First error
        </button>
        {current && info?.available && (
          <a className="btn btn-small" href={logsUrl(jobId, { stream: current, download: "1" })} download>
            Download
          </a>
        )}
      </div>
      {info && !info.available && <div className="alert alert-info">{info.reason}</div>}
      {tail.notice && <div className="alert alert-warn">{tail.notice}</div>}
      {tail.error && <div className="alert alert-err">Could not read logs: {tail.error.message}</div>}
      <div
        ref={scrollRef}
        className="log-lines"
        role="log"
        aria-label={`Log ${current ?? ""}`}
        style={{ height, overflow: "auto" }}
        onWheel={() => follow && setFollow(false)}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((row) => {
            const line = lines[row.index];
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={wrap ? virtualizer.measureElement : undefined}
                className={`log-line${row.index === activeHit ? " hit-active" : ""}`}
                style={{ transform: `translateY(${row.start}px)`, whiteSpace: wrap ? "pre-wrap" : "pre", height: wrap ? undefined : ROW_HEIGHT }}
              >
                <span className="log-no">{row.index + 1}</span>
                {timestamps && <span className="log-ts">{line.ts ? new Date(line.ts).toISOString() : "—"}</span>}
                <LineText text={line.text} search={search} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function LineText({ text, search }: { text: string; search: string }) {
  const segments = parseAnsi(text);
  return (
    <span>
      {segments.map((segment, i) => (
        <span key={i} style={{ color: segment.color, fontWeight: segment.bold ? 700 : undefined }}>
          {search ? highlight(segment.text, search) : segment.text}
        </span>
      ))}
    </span>
  );
}

function highlight(text: string, search: string) {
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    parts.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}
