// Editor / History switch of the Config section.
import Link from "next/link";

export function ConfigTabs({ current }: { current: "editor" | "history" }) {
  return (
    <nav className="tabs" aria-label="Config views">
      <Link href="/config" aria-current={current === "editor" ? "page" : undefined}>
        Editor
      </Link>
      <Link href="/config/history" aria-current={current === "history" ? "page" : undefined}>
        History
      </Link>
    </nav>
  );
}
