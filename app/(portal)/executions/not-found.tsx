import { NotFoundMessage } from '@/components/ui/not-found-message';

export default function ExecutionsNotFound() {
  return (
    <NotFoundMessage back={{ href: '/executions', label: 'Back to state machines' }}>
      No such state machine or execution. It may have been deleted with its stack, or it is in an account or region none of your teams may use.
    </NotFoundMessage>
  );
}
