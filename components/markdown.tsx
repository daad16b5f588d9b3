import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Styled elements instead of a typography plugin: READMEs only need these.
const components: Components = {
  h1: (p) => <h2 className="mb-2 mt-6 text-lg font-semibold first:mt-0" {...p} />,
  h2: (p) => <h3 className="mb-2 mt-6 text-base font-semibold" {...p} />,
  h3: (p) => <h4 className="mb-1 mt-4 text-sm font-semibold" {...p} />,
  p: (p) => <p className="my-2 text-sm leading-6 text-slate-700" {...p} />,
  ul: (p) => <ul className="my-2 list-disc space-y-1 pl-6 text-sm text-slate-700" {...p} />,
  ol: (p) => <ol className="my-2 list-decimal space-y-1 pl-6 text-sm text-slate-700" {...p} />,
  a: ({ href, ...p }) => (
    <a href={href} className="text-brand-600 underline" rel="noreferrer" target={href?.startsWith('http') ? '_blank' : undefined} {...p} />
  ),
  code: ({ className, ...p }) =>
    className ? <code className={`${className} font-mono text-xs`} {...p} /> : <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs" {...p} />,
  pre: (p) => <pre className="my-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-slate-100" {...p} />,
  table: (p) => <table className="my-3 w-full border-collapse text-left text-sm" {...p} />,
  th: (p) => <th className="border-b border-slate-200 px-2 py-1 font-semibold" {...p} />,
  td: (p) => <td className="border-b border-slate-100 px-2 py-1 align-top" {...p} />,
  blockquote: (p) => <blockquote className="my-3 border-l-4 border-slate-200 pl-3 text-slate-600" {...p} />,
};

/** Renders trusted Markdown (blueprint READMEs) on the server; raw HTML in it is not rendered. */
export function Markdown({ children }: { children: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
      {children}
    </ReactMarkdown>
  );
}
