import { Spinner } from '@/components/ui/spinner';

export default function Loading() {
  return (
    <div className="py-12">
      <Spinner />
    </div>
  );
}
