// Tabs of the Modules section.
import Link from "next/link";

const tabs = [
  { id: "table", href: "/modules", label: "Catalog" },
  { id: "bundles", href: "/modules/bundles", label: "Runtime environments" },
  { id: "ranges", href: "/modules/ranges", label: "Version ranges" },
  { id: "import", href: "/modules/import", label: "Import" },
] as const;

export function ModulesNav({ current }: { current: (typeof tabs)[number]["id"] | null }) {
  return (
    <nav className="tabs" aria-label="Modules sections">
      {tabs.map((t) => (
        <Link key={t.id} href={t.href} aria-current={t.id === current ? "page" : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
