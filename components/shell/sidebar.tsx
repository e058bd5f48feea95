// The dashboard's sidebar: sections, the signed-in user with role, and sign out. Users appears for admins only.
import { can, type SessionUser } from "@/lib/auth/roles";
import { LogoutButton } from "./logout-button";
import { NavLinks, type NavItem } from "./nav-links";

const sections: NavItem[] = [
  { href: "/config", label: "Config" },
  { href: "/modules", label: "Modules" },
  { href: "/jobdefs", label: "Job definitions" },
  { href: "/jobs", label: "Jobs" },
  { href: "/environments", label: "Environments" },
  { href: "/sync", label: "Sync" },
  { href: "/audit", label: "Audit" },
  { href: "/settings", label: "Settings" },
];

export function Sidebar({ user }: { user: SessionUser }) {
  const items = can(user.role, "users.manage") ? [...sections, { href: "/users", label: "Users" }] : sections;
  return (
    <aside className="sidebar">
      <div className="brand">GP Batch Admin</div>
      <nav aria-label="Main">
        <NavLinks items={items} />
      </nav>
      <div className="spacer" />
      <div className="who" aria-label="Signed in user">
        <div>
          Signed in as <strong>{user.username}</strong>
        </div>
        <div>
          Role: <span className="badge">{user.role}</span>
        </div>
      </div>
      <LogoutButton />
    </aside>
  );
}
