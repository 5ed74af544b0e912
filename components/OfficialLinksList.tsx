/** Links to official procedure pages (ameli.fr, service-public.fr…), as a guide and the planner list them. */
export function OfficialLinksList({ links }: { links: readonly { label: string; url: string }[] }) {
  return (
    <ul className="mt-3 space-y-2">
      {links.map((link) => (
        <li key={link.url}>
          <a
            href={link.url}
            rel="noopener noreferrer"
            className="text-brand-700 underline dark:text-brand-100"
          >
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
