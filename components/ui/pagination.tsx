// "1–50 of 1,234" with Previous/Next links, for server-paged tables.
import Link from "next/link";

export type PaginationProps = { page: number; pageSize: number; pageCount: number; total: number; hrefFor: (page: number) => string };

export function Pagination({ page, pageSize, pageCount, total, hrefFor }: PaginationProps) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="muted small">
        {first}–{last} of {total}
      </span>
      {page > 1 ? (
        <Link className="btn btn-small" href={hrefFor(page - 1)}>
          Previous
        </Link>
      ) : null}
      {page < pageCount ? (
        <Link className="btn btn-small" href={hrefFor(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
