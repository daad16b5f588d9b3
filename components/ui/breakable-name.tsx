import { Fragment } from 'react';

/**
 * A long identifier (consumer group, topic, stack name) that may wrap after `-`, `.`, `_`, `/` or `:`
 * rather than anywhere: give the element `break-words` so only a part longer than the line breaks inside.
 */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[-._/:])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
