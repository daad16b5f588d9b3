import { Spinner } from '@/components/ui/spinner';

export default function Loading() {
  return (
    <div className="py-12">
      <Spinner label="Reading Step Functions" />
    </div>
  );
}
